using System.Collections.Immutable;
using Rapport.Domain.Common;
using Rapport.Domain.Peers.Encoding;

namespace Rapport.Domain.Scoring.Learning.Encoding;

/// <summary>
/// The stored form of a <see cref="LearnedModel"/>: canonical bytes (the same model always gives the same bytes, so
/// its hash is the model's identity in its card), little-endian, lengths prefixed. docs/scoring.md describes it.
/// Decoding checks every count, index and tree shape, so a corrupt model is refused rather than looping or reading
/// out of range.
/// </summary>
public static class LearnedModelCodec
{
    /// <summary>The multicodec of raw bytes: model, feature configuration and training-data hashes are CIDs of it.</summary>
    public const ulong RawCodec = 0x55;

    private static ReadOnlySpan<byte> Magic => "RPM1"u8;

    private const byte NumericKind = 1;
    private const byte CategoricalKind = 2;
    private const byte TreesKind = 1;
    private const byte LinearKind = 2;

    public static byte[] Encode(LearnedModel model)
    {
        var writer = new ModelWriter();
        writer.Raw(Magic);
        writer.U8((byte)model.Learner);
        WriteEncoding(writer, model.Encoding);
        writer.F64(model.Calibration.Slope);
        writer.F64(model.Calibration.Offset);
        switch (model.Predictor)
        {
            case TreeEnsemble trees:
                writer.U8(TreesKind);
                WriteTrees(writer, trees);
                break;
            case LinearPredictor linear:
                writer.U8(LinearKind);
                writer.F64(linear.Bias);
                writer.I32(linear.Weights.Length);
                for (var i = 0; i < linear.Weights.Length; i++)
                {
                    writer.F64(linear.Weights[i]);
                    writer.F64(linear.Means[i]);
                }

                break;
            default:
                throw new ArgumentException($"No stored form for {model.Predictor.GetType().Name}.", nameof(model));
        }

        return writer.ToArray();
    }

    /// <summary>The content identifier of a model's bytes.</summary>
    public static Cid HashOf(ReadOnlySpan<byte> bytes) => new(RawCodec, Multihash.Sha2_256(bytes));

    /// <summary>The content identifier of a feature configuration (the columns and how each is encoded).</summary>
    public static Cid HashOf(FeatureEncoding encoding)
    {
        var writer = new ModelWriter();
        WriteEncoding(writer, encoding);
        return HashOf(writer.ToArray());
    }

    public static Result<LearnedModel> Decode(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var reader = new ModelReader(bytes);
            if (!reader.Take(Magic.Length).SequenceEqual(Magic))
            {
                throw new FormatException("not a Rapport model (no RPM1 header)");
            }

            var learner = reader.U8();
            if (!Enum.IsDefined((Learner)learner))
            {
                throw new FormatException($"unknown learner {learner}");
            }

            var encoding = ReadEncoding(ref reader);
            var calibration = new PlattCalibration(reader.F64(), reader.F64());
            Predictor predictor = reader.U8() switch
            {
                TreesKind => ReadTrees(ref reader, encoding.Width),
                LinearKind => ReadLinear(ref reader, encoding.Width),
                var kind => throw new FormatException($"unknown predictor kind {kind}"),
            };
            if (!reader.AtEnd)
            {
                throw new FormatException("bytes after the end of the model");
            }

            return new LearnedModel((Learner)learner, encoding, predictor, calibration);
        }
        catch (FormatException ex)
        {
            return new Error(ScoringErrors.ModelCorrupt, $"The stored model cannot be read: {ex.Message}.");
        }
    }

    private static void WriteEncoding(ModelWriter writer, FeatureEncoding encoding)
    {
        writer.I32(encoding.Columns.Length);
        foreach (var column in encoding.Columns)
        {
            switch (column)
            {
                case NumericColumnEncoding numeric:
                    writer.U8(NumericKind);
                    writer.Text(numeric.Column);
                    writer.F64(numeric.Mean);
                    writer.F64(numeric.Scale);
                    writer.U8(numeric.FlagsMissing ? (byte)1 : (byte)0);
                    break;
                case CategoricalColumnEncoding categorical:
                    writer.U8(CategoricalKind);
                    writer.Text(categorical.Column);
                    writer.I32(categorical.Categories.Length);
                    foreach (var category in categorical.Categories)
                    {
                        writer.Text(category);
                    }

                    break;
                default:
                    throw new ArgumentException($"No stored form for {column.GetType().Name}.", nameof(encoding));
            }
        }
    }

    private static FeatureEncoding ReadEncoding(ref ModelReader reader)
    {
        var count = reader.Count(5);
        var columns = ImmutableArray.CreateBuilder<ColumnEncoding>(count);
        for (var c = 0; c < count; c++)
        {
            var kind = reader.U8();
            var name = reader.Text();
            switch (kind)
            {
                case NumericKind:
                    var mean = reader.F64();
                    var scale = reader.F64();
                    var flags = reader.U8();
                    if (!double.IsFinite(mean) || !double.IsFinite(scale) || scale <= 0 || flags > 1)
                    {
                        throw new FormatException($"column {name} has an invalid scaling");
                    }

                    columns.Add(new NumericColumnEncoding(name, mean, scale, flags == 1));
                    break;
                case CategoricalKind:
                    var categories = ImmutableArray.CreateBuilder<string>(reader.Count(4));
                    for (var i = 0; i < categories.Capacity; i++)
                    {
                        categories.Add(reader.Text());
                    }

                    columns.Add(new CategoricalColumnEncoding(name, categories.MoveToImmutable()));
                    break;
                default:
                    throw new FormatException($"unknown column kind {kind}");
            }
        }

        return new FeatureEncoding(columns.MoveToImmutable());
    }

    private static void WriteTrees(ModelWriter writer, TreeEnsemble trees)
    {
        writer.F64(trees.Bias);
        writer.I32(trees.Trees.Length);
        for (var t = 0; t < trees.Trees.Length; t++)
        {
            var tree = trees.Trees[t];
            writer.F64(trees.TreeWeights[t]);
            writer.I32(tree.InternalNodes);
            for (var n = 0; n < tree.InternalNodes; n++)
            {
                writer.I32(tree.SplitFeature[n]);
                writer.F32(tree.Threshold[n]);
                writer.I32(tree.Left[n]);
                writer.I32(tree.Right[n]);
                writer.F64(tree.NodeCover[n]);
            }

            writer.I32(tree.LeafValue.Length);
            for (var l = 0; l < tree.LeafValue.Length; l++)
            {
                writer.F64(tree.LeafValue[l]);
                writer.F64(tree.LeafCover[l]);
            }
        }
    }

    private static TreeEnsemble ReadTrees(ref ModelReader reader, int width)
    {
        var bias = reader.F64();
        var count = reader.Count(16);
        var trees = ImmutableArray.CreateBuilder<DecisionTree>(count);
        var weights = ImmutableArray.CreateBuilder<double>(count);
        for (var t = 0; t < count; t++)
        {
            weights.Add(reader.F64());
            var internalNodes = reader.Count(24);
            var split = new int[internalNodes];
            var threshold = new float[internalNodes];
            var left = new int[internalNodes];
            var right = new int[internalNodes];
            var nodeCover = new double[internalNodes];
            for (var n = 0; n < internalNodes; n++)
            {
                split[n] = reader.I32();
                threshold[n] = reader.F32();
                left[n] = reader.I32();
                right[n] = reader.I32();
                nodeCover[n] = reader.F64();
            }

            var leaves = reader.Count(16);
            var leafValue = new double[leaves];
            var leafCover = new double[leaves];
            for (var l = 0; l < leaves; l++)
            {
                leafValue[l] = reader.F64();
                leafCover[l] = reader.F64();
            }

            CheckShape(t, split, left, right, leaves, width);
            trees.Add(new DecisionTree([.. split], [.. threshold], [.. left], [.. right], [.. leafValue], [.. nodeCover], [.. leafCover]));
        }

        return new TreeEnsemble(trees.MoveToImmutable(), weights.MoveToImmutable(), bias);
    }

    // A tree is well formed when, from the root, every internal node and every leaf is reached exactly once.
    private static void CheckShape(int tree, int[] split, int[] left, int[] right, int leaves, int width)
    {
        if (leaves != split.Length + 1)
        {
            throw new FormatException($"tree {tree} has {split.Length} splits but {leaves} leaves");
        }

        if (split.Length == 0)
        {
            return;
        }

        var seenNodes = new bool[split.Length];
        var seenLeaves = new bool[leaves];
        var pending = new Stack<int>();
        pending.Push(0);
        while (pending.TryPop(out var node))
        {
            if (node >= 0)
            {
                if (node >= split.Length || seenNodes[node] || split[node] < 0 || split[node] >= width)
                {
                    throw new FormatException($"tree {tree} is not a tree at node {node}");
                }

                seenNodes[node] = true;
                pending.Push(left[node]);
                pending.Push(right[node]);
            }
            else if (~node >= leaves || seenLeaves[~node])
            {
                throw new FormatException($"tree {tree} is not a tree at leaf {~node}");
            }
            else
            {
                seenLeaves[~node] = true;
            }
        }

        if (seenNodes.Contains(false) || seenLeaves.Contains(false))
        {
            throw new FormatException($"tree {tree} has unreachable nodes");
        }
    }

    private static LinearPredictor ReadLinear(ref ModelReader reader, int width)
    {
        var bias = reader.F64();
        var count = reader.Count(16);
        if (count != width)
        {
            throw new FormatException($"{count} weights for {width} features");
        }

        var weights = new double[count];
        var means = new double[count];
        for (var i = 0; i < count; i++)
        {
            weights[i] = reader.F64();
            means[i] = reader.F64();
        }

        return new LinearPredictor([.. weights], bias, [.. means]);
    }
}
