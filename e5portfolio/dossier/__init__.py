"""The dossier archive for the commission (`e5portfolio dossier`): site, tableau, attestations,
printable PDF, LISEZMOI.txt and a machine-readable manifest, in one zip."""
