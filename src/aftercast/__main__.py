from aftercast.cli import main

main()
