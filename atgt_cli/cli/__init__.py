"""The command line: parse, call one service, hand the result to a renderer."""
