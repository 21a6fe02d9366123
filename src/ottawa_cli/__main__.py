from ottawa_cli.cli import main

main()
