"""The public list (公示名单, issue 22): what an office posts, apart from the working lists.

``notice`` builds it from a plan and ``[publication]`` (one row per person, heading, 公示期,
contact, 落款; nothing internal); ``html`` prints it as publication.html and as the first page
of roster.html. May import the scenario, the plan reader and the glossary; never the audit,
the model or solving.
"""
