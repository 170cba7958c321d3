"""The HTTP service: SPARQL 1.1 Protocol, named queries, linked data, dumps, VoID and pages."""
