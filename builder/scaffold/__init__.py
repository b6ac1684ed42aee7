"""Starting a pack of one's own: ``policypack new DIR`` writes a small pack that checks clean and
builds (``new.py``, from the files in ``template/``)."""
