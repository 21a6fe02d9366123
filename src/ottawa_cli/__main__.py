from ottawa_cli.main import main

main()
