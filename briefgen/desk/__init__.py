"""The review desk (``briefgen serve``): a week's facts reviewed in the browser, beside their evidence
in the articles and both editions previewed live. ``views`` turns the desk's files into what the
pages show, ``server`` is the web application and its safety rules; every write goes through
briefgen.facts.review, the code the CLI uses."""
