"""Structure of a document: blocks, sections, roll calls, action lists, dates, tickets."""
