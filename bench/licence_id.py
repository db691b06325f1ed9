"""Prints a GB/T 36904-shaped licence id for a serial; check character by ISO/IEC 7064 MOD 37,36
over type code + issuer code + serial + version (the rule govhub's LicenceId applies)."""
import sys

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
TYPE_CODE = "11100000000013338W011"
ISSUER = "11330300MB0000000X"


def check_character(text):
    p = 36
    for c in text:
        s = p % 37 + ALPHABET.index(c)
        p = (s % 36 or 36) * 2
    return ALPHABET[(37 - p % 37) % 36]


serial = sys.argv[1].upper()
version = "001"
print(f"1.2.156.3005.2.{TYPE_CODE}.{ISSUER}.{serial}.{version}.{check_character(TYPE_CODE + ISSUER + serial + version)}")
