"""Submissions: contributors send RDF, get a SHACL report, and conforming ones are committed.

    body.py      bytes → quads, refusing what must not get further (size, format, remote contexts)
    context.py   validation in the context of the store (the submission + the facts it touches)
    imports.py   a peer file (?import=FORMAT) mapped by its importer into a submission's statements
    rules.py     the rules beyond the shapes (own graph only, no provenance records, …)
    report.py    the report as JSON and as a SHACL sh:ValidationReport
    records.py   ids, graph IRIs and the provenance written with each accepted submission
    tokens.py    bearer tokens, stored hashed
    files.py     accepted submissions written once to data/submissions/<id>.trig
    commit.py    the atomic commit, withdrawal and start-up reconciliation
    service.py   what the HTTP routes and the CLI call

See docs/submissions.md.
"""
