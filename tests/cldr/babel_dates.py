#!/usr/bin/env python3
"""CLDR read by babel, an independent implementation: for each locale given (babel ids), the
long date of each date given and the year-month (yMMMM) of its month, and 12000 grouped, as
JSON. Babel writes Latin digits whatever the locale's numbering system, so its output is
transliterated into the system's digits (CLDR's numberingSystems: each run of ten starts at a
Unicode digit zero). Babel has only the Gregorian calendar. Used by tests/locales.rs.

Usage: babel_dates.py DATES LOCALE...   (DATES: comma-separated YYYY-MM-DD)
"""
import json
import sys
import unicodedata
from datetime import date

import babel
from babel import Locale
from babel.core import get_cldr_version
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal

ZERO_NAMES = {
    "latn": "DIGIT ZERO", "arab": "ARABIC-INDIC DIGIT ZERO",
    "arabext": "EXTENDED ARABIC-INDIC DIGIT ZERO", "beng": "BENGALI DIGIT ZERO",
    "deva": "DEVANAGARI DIGIT ZERO", "mymr": "MYANMAR DIGIT ZERO", "thai": "THAI DIGIT ZERO",
}


def row(ident, dates):
    loc = Locale.parse(ident)
    zero = ord(unicodedata.lookup(ZERO_NAMES[loc.default_numbering_system]))

    def native(text):
        return "".join(chr(zero + ord(c) - 48) if "0" <= c <= "9" else c for c in text)

    return {
        "locale": ident,
        "long": [native(format_date(d, format="long", locale=loc)) for d in dates],
        "month_year": [native(format_skeleton("yMMMM", d, locale=loc)) for d in dates],
        "number_12000": native(format_decimal(12000, locale=loc, numbering_system="default")),
    }


def main(argv):
    dates = [date(*map(int, d.split("-"))) for d in argv[1].split(",")]
    rows = [row(ident, dates) for ident in argv[2:]]
    json.dump({"babel": babel.__version__, "cldr": get_cldr_version(), "rows": rows}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv)
