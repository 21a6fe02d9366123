"""The front ends: the Typer app, the Typer-free `ottawa status`, and the one seam where errors
become exit codes."""
