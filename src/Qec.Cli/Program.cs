using Qec.Cli;

return QecdCommand.Run(args, Console.Out, Console.Error);
