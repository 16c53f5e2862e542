using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Core.Sampling;
using Qec.Generative.Decoding;
using Qec.Generative.Models;

namespace Qec.Generative.Training;

/// <summary>
/// Maximum-likelihood training of a <c>gen</c> model (qecGPT: Cao, Pan, Wang and Zhang, arXiv 2307.09025, §III): fresh
/// (syndrome, logical) pairs from <see cref="DemSampler"/>, loss −(1/B) Σ_b log q(ℓ_b | s_b) (weights −1/B in
/// <see cref="IAutoregressiveModel{T}.AccumulateGradient"/>), Adam with a cosine-decayed step size. With a base decoder
/// the condition also holds the base's predicted bits and the target is the residual ℓ ⊕ base. Each mini-batch is split
/// over the threads (each with its own workspace, gradient and base decoder) and the gradients summed before the step,
/// so the result does not depend on timing, only on the thread count's split of the float sums.
/// </summary>
public sealed class GenerativeTrainer
{
    private readonly MadeNetwork<float> _model;
    private readonly ICompiledDecoder? _base;
    private readonly GenerativeTrainingOptions _options;
    private readonly DemSampler _sampler;
    private readonly int _detectors, _observables, _detectorBytes, _observableBytes;

    /// <summary>Trains <paramref name="model"/> in place on shots of <paramref name="dem"/>; <paramref name="baseDecoder"/> null for no base.</summary>
    public GenerativeTrainer(DetectorErrorModel dem, MadeNetwork<float> model, ICompiledDecoder? baseDecoder, GenerativeTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(dem);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (dem.NumObservables == 0)
        {
            throw new ArgumentException("gen: the DEM has no logical observables (no L# targets): there is nothing to predict");
        }
        _detectors = (int)dem.NumDetectors;
        _observables = (int)dem.NumObservables;
        int condition = _detectors + (baseDecoder is null ? 0 : _observables);
        if (model.Variables != _observables || model.ConditionSize != condition)
        {
            throw new ArgumentException($"gen: the network has {model.Variables} variables and {model.ConditionSize} condition bits; this DEM needs {_observables} and {condition}");
        }
        _model = model;
        _base = baseDecoder;
        _options = options;
        _sampler = new DemSampler(dem);
        _detectorBytes = _sampler.DetectorBytesPerShot;
        _observableBytes = _sampler.ObservableBytesPerShot;
    }

    /// <summary>Runs every epoch, reporting after each mini-batch and each epoch; returns the last epoch's progress.</summary>
    public TrainingProgress Run(Action<TrainingProgress>? progress = null, CancellationToken cancel = default)
    {
        var o = _options;
        int threads = Math.Min(o.Threads, o.Batch);
        var adam = new AdamOptimizer<float>(_model.Parameters, new AdamOptions(LearningRate: o.LearningRate, ClipNorm: 10.0));
        var workers = new Worker[threads];
        for (int t = 0; t < threads; t++)
        {
            workers[t] = new Worker(this, (int)((long)o.Batch * (t + 1) / threads - (long)o.Batch * t / threads));
        }
        var dets = new byte[o.Batch * _detectorBytes];
        var obs = new byte[o.Batch * _observableBytes];
        var stream = _sampler.Start(o.Seed);
        var (heldDets, heldObs) = _sampler.Sample(o.HeldOutShots, o.Seed ^ 0x9E3779B97F4A7C15UL);
        long stepsPerEpoch = (o.ShotsPerEpoch + o.Batch - 1) / o.Batch, totalSteps = stepsPerEpoch * o.Epochs, step = 0;
        long totalShots = stepsPerEpoch * o.Batch * o.Epochs, done = 0;
        float weight = -1f / o.Batch;
        var last = default(TrainingProgress);
        for (int epoch = 1; epoch <= o.Epochs; epoch++)
        {
            double lossSum = 0;
            long epochShots = 0;
            for (long s = 0; s < stepsPerEpoch; s++, step++)
            {
                cancel.ThrowIfCancellationRequested();
                stream.Next(o.Batch, dets, obs);
                Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
                {
                    int begin = (int)((long)o.Batch * t / threads);
                    workers[t].Accumulate(dets.AsSpan(begin * _detectorBytes), obs.AsSpan(begin * _observableBytes), weight);
                });
                for (int t = 1; t < threads; t++)
                {
                    workers[0].Gradient.AddFrom(workers[t].Gradient);
                }
                foreach (var w in workers)
                {
                    lossSum -= w.LogLikelihood;
                }
                // Cosine decay (Loshchilov and Hutter, SGDR, ICLR 2017, Eq. 5) from lr to lr·fraction over the run.
                double fraction = o.FinalLearningRateFraction;
                adam.LearningRate = o.LearningRate * (fraction + (1 - fraction) * 0.5 * (1 + Math.Cos(Math.PI * step / totalSteps)));
                adam.Step(workers[0].Gradient);
                done += o.Batch;
                epochShots += o.Batch;
                last = new TrainingProgress(done, totalShots, epoch, lossSum / epochShots, false, 0, 0);
                progress?.Invoke(last);
            }
            int errors = HeldOutErrors(heldDets, heldObs, o.HeldOutShots);
            last = last with { EpochDone = true, HeldOutErrors = errors, HeldOutShots = o.HeldOutShots };
            progress?.Invoke(last);
        }
        return last;
    }

    /// <summary>Logical errors of the current network (decoded as the <c>gen</c> decoder does) on the given shots.</summary>
    public int HeldOutErrors(ReadOnlySpan<byte> dets, ReadOnlySpan<byte> obs, int shots)
    {
        var decoder = new GenerativeCompiledDecoder<float>(_model, _detectors, _observables, _base, GenerativeOptions.DefaultSearch(_observables)).CreateDecoder();
        Span<byte> predicted = stackalloc byte[_observableBytes];
        int errors = 0;
        for (int s = 0; s < shots; s++)
        {
            decoder.Decode(dets.Slice(s * _detectorBytes, _detectorBytes), predicted);
            errors += predicted.SequenceEqual(obs.Slice(s * _observableBytes, _observableBytes)) ? 0 : 1;
        }
        return errors;
    }

    /// <summary>One thread's share of a mini-batch: its workspace, gradient, base decoder and buffers.</summary>
    private sealed class Worker
    {
        private readonly GenerativeTrainer _owner;
        private readonly int _shots;
        private readonly ModelWorkspace _workspace;
        private readonly IDecoder? _base;
        private readonly byte[] _condition, _target, _basePacked;

        public Worker(GenerativeTrainer owner, int shots)
        {
            _owner = owner;
            _shots = shots;
            _workspace = owner._model.CreateWorkspace();
            Gradient = owner._model.Parameters.CreateZerosLike();
            _base = owner._base?.CreateDecoder();
            _condition = new byte[owner._model.ConditionSize];
            _target = new byte[owner._observables];
            _basePacked = new byte[owner._observableBytes];
        }

        public Qec.Generative.Parameters.ParameterSet<float> Gradient { get; }

        public double LogLikelihood { get; private set; }

        /// <summary>Clears the gradient, then adds w·∇ log q(target | condition) of this worker's shots.</summary>
        public void Accumulate(ReadOnlySpan<byte> dets, ReadOnlySpan<byte> obs, float weight)
        {
            Gradient.Clear();
            var o = _owner;
            double sum = 0;
            for (int s = 0; s < _shots; s++)
            {
                var shot = dets.Slice(s * o._detectorBytes, o._detectorBytes);
                var flips = obs.Slice(s * o._observableBytes, o._observableBytes);
                ClassChoice.Unpack(shot, o._detectors, _condition);
                ClassChoice.Unpack(flips, o._observables, _target);
                if (_base is not null)
                {
                    _base.Decode(shot, _basePacked);
                    ClassChoice.Unpack(_basePacked, o._observables, _condition.AsSpan(o._detectors));
                    for (int i = 0; i < _target.Length; i++)
                    {
                        _target[i] ^= _condition[o._detectors + i];
                    }
                }
                sum += o._model.AccumulateGradient(_target, _condition, weight, Gradient, _workspace);
            }
            LogLikelihood = sum;
        }
    }
}
