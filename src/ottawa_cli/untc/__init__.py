"""The UN Treaty Collection's status pages: read (HTML and MTDSG XML), compared with the data,
drafted into data, and fetched."""
