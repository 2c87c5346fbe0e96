from bench.site import main

main()
