"""What every room shares: errors, IRIs, N-Triples term text, printed numbers, safe text; imports nothing else in kg."""
