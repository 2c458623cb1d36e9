"""What every room shares: errors, content-derived IRIs, printed numbers, safe text; imports nothing else from kg."""
