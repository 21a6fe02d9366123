from ottawa_cli.cli.main import main

main()
