"""The on-disk graph store, SPARQL text and the canned queries (`queries/*.rq`); imports only core."""
