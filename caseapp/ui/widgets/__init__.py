"""Small widgets every screen shares: dates, codes, field errors, confirmations."""
