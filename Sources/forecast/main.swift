#if canImport(Glibc)
import Glibc
#endif
import ForecastCLI

exit(ForecastCLI.main(Array(CommandLine.arguments.dropFirst())))
