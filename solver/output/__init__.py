"""Output: files written for machines and for people, always atomically and spreadsheet-safe.

Owns the atomic writer, the solve output set (assignments, compliance, schools, summary,
certificate), workbooks, and the lists and reports built for people.
May import: ``solver.scenario``, ``solver.rules``, ``solver.input``, ``solver.audit``,
``solver.solving.result``; never the model.
"""
