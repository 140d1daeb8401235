"""The zone of a workbook's wall-clock times: a naive datetime in a sheet is Hong Kong time.

Apart from the writer so that reading a cell (services/excel/margin_cells.py) does not load
openpyxl, which loads numpy and lxml: the desktop imports the readers at start.
"""

from zoneinfo import ZoneInfo

HK = ZoneInfo("Asia/Hong_Kong")
