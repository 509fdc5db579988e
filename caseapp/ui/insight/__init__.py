"""Caseload insight: the dashboard, matching, and exports."""
