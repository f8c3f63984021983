"""Checking an audit certificate later (``rotation verify``) and its page for signing.

Owns: reading a certificate.json, re-hashing the files it names, re-running the audit, the
verdict in one line, and certificate.html (print-ready, with room for signature and seal).
May import: ``solver.input`` (to reload the scenario and the plan), ``solver.audit`` (the
independent check), ``solver.output`` (hashes and atomic files), the glossary and the rules.
Never the model or solving: like the audit, it must catch what they got wrong.
"""
