"""One module per stage; `pipeline.STAGES` holds their order."""
