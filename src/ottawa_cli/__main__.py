from ottawa_cli.entry import main

main()
