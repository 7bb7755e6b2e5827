from atgt_cli.cli.main import main

main()
