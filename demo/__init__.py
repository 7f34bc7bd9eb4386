"""The demo Kommune: all demo data and the commands `demo_daten` and `demo_zugaenge`.

Product packages never import it; it imports them (the demo is built through their models and
services). It has no models, so installing it everywhere only adds the two commands.
"""
