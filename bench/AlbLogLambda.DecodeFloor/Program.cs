using AlbLogLambda.Benchmarks;

return DecodeCommand.Run(args);
