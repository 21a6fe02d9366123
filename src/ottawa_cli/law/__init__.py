"""The law: the data's model and the treaty's rules as pure functions. No files, no terminal, no
sentences: what it returns is data that `output` words."""
