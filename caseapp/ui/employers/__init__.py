"""Employers, their opportunities and social-value commitments, and who is on each opportunity."""
