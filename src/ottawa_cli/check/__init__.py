"""`ottawa check`: what a dataset's findings are, beyond what the loader already refuses."""
