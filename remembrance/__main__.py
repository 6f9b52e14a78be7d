from remembrance.cli import main

main()
