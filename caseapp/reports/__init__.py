"""Printed documents built with ReportLab from service results. Qt-free."""
