"""The postings app: companies, internship postings, pay bands and requirements."""
