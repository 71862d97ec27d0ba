"""The report document: one context builder (context.py) feeds the HTML preview, the PDF
(WeasyPrint, pdf.py) and the DOCX (python-docx, docx.py); services.py stores the files."""
