"""Demo content: the Islamabad workshop agenda (islamabad-workshop.json)."""
