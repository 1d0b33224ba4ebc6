from pact.cli import entry_point

entry_point()
