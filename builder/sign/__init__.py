"""Digital signatures on policy PDFs: fields (the empty signature fields, added while rendering),
certify (the trust's certification, build --sign-with), verify (policypack verify)."""
