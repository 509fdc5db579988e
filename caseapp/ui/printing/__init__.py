"""Printing: choose what goes in, save the PDF where the worker says, open it to print."""
