"""Analysis: from a Document and its spaCy Doc to evidence per requirement.

Each module holds one idea: document type, concepts, negation/context, sections, rules, facts,
classifier. Recognizers share one interface (see recognizers.py) and can be tested alone.
"""
