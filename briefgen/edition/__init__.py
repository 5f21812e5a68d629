"""Stage 4, the edition: a week's facts assembled into a Brief, phrased per language, rendered to
HTML with Jinja and to PDF with WeasyPrint."""
