using System.Text;
using Scoring.Synth;

Console.OutputEncoding = new UTF8Encoding(false);
return SynthCommand.Run(args, Console.Out, Console.Error);
