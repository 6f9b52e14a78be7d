"""Text to typed records: language, NER, gazetteer, dates, linking, relations."""
