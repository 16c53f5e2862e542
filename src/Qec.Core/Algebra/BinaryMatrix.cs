using System.Numerics;
using System.Text;

namespace Qec.Core.Algebra;

/// <summary>
/// A dense matrix over GF(2), each row bit-packed into 64-bit words: entry (r, c) is bit c mod 64 of
/// word ⌊c / 64⌋ of row r. Invariant: the padding bits of a row's last word (columns ≥
/// <see cref="Columns"/>) are zero, so whole-word operations (XOR, AND, popcount) never see them.
/// Read-only to other assemblies; Qec.Core builds matrices through the internal setters.
/// Linear algebra (rank, row reduction, kernel, bases modulo a subspace, inverse) is in
/// <c>BinaryMatrix.Elimination.cs</c>. Not hot-path code: simple loops over words, no SIMD.
/// </summary>
public sealed partial class BinaryMatrix : IEquatable<BinaryMatrix>
{
    private readonly ulong[] _bits;
    private readonly int _words;

    /// <summary>An all-zero matrix.</summary>
    /// <param name="rows">Number of rows, ≥ 0.</param>
    /// <param name="columns">Number of columns, ≥ 0.</param>
    public BinaryMatrix(int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        Rows = rows;
        Columns = columns;
        _words = WordsFor(columns);
        _bits = new ulong[checked((long)rows * _words)];
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Columns { get; }

    /// <summary>64-bit words per row: ⌈<see cref="Columns"/> / 64⌉.</summary>
    public int WordsPerRow => _words;

    /// <summary>True when every entry is zero.</summary>
    public bool IsZero => Array.TrueForAll(_bits, w => w == 0);

    /// <summary>Entry (row, column).</summary>
    public bool this[int row, int column]
    {
        get
        {
            CheckIndex(row, column);
            return (_bits[row * _words + (column >> 6)] >> (column & 63) & 1) != 0;
        }
        internal set
        {
            CheckIndex(row, column);
            ulong bit = 1UL << (column & 63);
            ref ulong word = ref _bits[row * _words + (column >> 6)];
            word = value ? word | bit : word & ~bit;
        }
    }

    /// <summary>The packed words of a row (padding bits zero).</summary>
    public ReadOnlySpan<ulong> Row(int row) => MutableRow(row);

    /// <summary>The columns set in a row, ascending.</summary>
    public int[] RowSupport(int row)
    {
        var support = new List<int>();
        var words = Row(row);
        for (int w = 0; w < words.Length; w++)
        {
            for (ulong word = words[w]; word != 0; word &= word - 1)
            {
                support.Add(w * 64 + BitOperations.TrailingZeroCount(word));
            }
        }
        return support.ToArray();
    }

    /// <summary>Number of ones in a row.</summary>
    public int RowWeight(int row)
    {
        int weight = 0;
        foreach (ulong word in Row(row))
        {
            weight += BitOperations.PopCount(word);
        }
        return weight;
    }

    /// <summary>A matrix from rows of '0'/'1' characters, e.g. <c>FromRows("0110", "1011")</c>.</summary>
    /// <exception cref="ArgumentException">a character other than 0/1, or rows of different lengths.</exception>
    public static BinaryMatrix FromRows(params string[] rows)
    {
        int columns = rows.Length == 0 ? 0 : rows[0].Length;
        var matrix = new BinaryMatrix(rows.Length, columns);
        for (int r = 0; r < rows.Length; r++)
        {
            if (rows[r].Length != columns)
            {
                throw new ArgumentException($"row {r} has {rows[r].Length} entries, row 0 has {columns}", nameof(rows));
            }
            for (int c = 0; c < columns; c++)
            {
                matrix[r, c] = rows[r][c] switch
                {
                    '0' => false,
                    '1' => true,
                    var bad => throw new ArgumentException($"row {r}, column {c}: '{bad}' is not 0 or 1", nameof(rows)),
                };
            }
        }
        return matrix;
    }

    /// <summary>A matrix from the columns set in each row (any order; a column named twice cancels).</summary>
    /// <exception cref="ArgumentOutOfRangeException">a column index outside 0 … columns − 1.</exception>
    public static BinaryMatrix FromRowSupports(int columns, IReadOnlyList<IReadOnlyList<int>> supports)
    {
        var matrix = new BinaryMatrix(supports.Count, columns);
        for (int r = 0; r < supports.Count; r++)
        {
            foreach (int c in supports[r])
            {
                if ((uint)c >= (uint)columns)
                {
                    throw new ArgumentOutOfRangeException(nameof(supports), $"row {r} names column {c} of {columns}");
                }
                matrix.MutableRow(r)[c >> 6] ^= 1UL << (c & 63);
            }
        }
        return matrix;
    }

    /// <summary>The n × n identity.</summary>
    public static BinaryMatrix Identity(int n)
    {
        var identity = new BinaryMatrix(n, n);
        for (int i = 0; i < n; i++)
        {
            identity[i, i] = true;
        }
        return identity;
    }

    /// <summary>The blocks stacked vertically, [A; B; …]; all must have the same number of columns.</summary>
    public static BinaryMatrix StackRows(params BinaryMatrix[] blocks)
    {
        int columns = blocks.Length == 0 ? 0 : blocks[0].Columns;
        var stacked = new BinaryMatrix(blocks.Sum(b => b.Rows), columns);
        int row = 0;
        foreach (var block in blocks)
        {
            if (block.Columns != columns)
            {
                throw new ArgumentException($"cannot stack a block of {block.Columns} columns under one of {columns}", nameof(blocks));
            }
            block._bits.CopyTo(stacked._bits, row * stacked._words);
            row += block.Rows;
        }
        return stacked;
    }

    /// <summary>The blocks side by side, [A | B]; both must have the same number of rows.</summary>
    public static BinaryMatrix ConcatColumns(BinaryMatrix left, BinaryMatrix right)
    {
        if (left.Rows != right.Rows)
        {
            throw new ArgumentException($"cannot put a block of {right.Rows} rows beside one of {left.Rows}", nameof(right));
        }
        var joined = new BinaryMatrix(left.Rows, left.Columns + right.Columns);
        for (int r = 0; r < left.Rows; r++)
        {
            left.Row(r).CopyTo(joined.MutableRow(r));
            foreach (int c in right.RowSupport(r))
            {
                joined[r, left.Columns + c] = true;
            }
        }
        return joined;
    }

    /// <summary>The transpose.</summary>
    public BinaryMatrix Transpose()
    {
        var transpose = new BinaryMatrix(Columns, Rows);
        for (int r = 0; r < Rows; r++)
        {
            foreach (int c in RowSupport(r))
            {
                transpose[c, r] = true;
            }
        }
        return transpose;
    }

    /// <summary>The product this · <paramref name="right"/> over GF(2).</summary>
    public BinaryMatrix Multiply(BinaryMatrix right)
    {
        if (Columns != right.Rows)
        {
            throw new ArgumentException($"cannot multiply {Rows}×{Columns} by {right.Rows}×{right.Columns}", nameof(right));
        }
        // Row r of the product is the XOR of the rows of `right` picked by the ones of row r.
        var product = new BinaryMatrix(Rows, right.Columns);
        for (int r = 0; r < Rows; r++)
        {
            var target = product.MutableRow(r);
            foreach (int k in RowSupport(r))
            {
                Xor(target, right.Row(k));
            }
        }
        return product;
    }

    /// <summary>
    /// The product this · v for a vector packed as Stim's b8 format (bit j of byte b is entry 8b + j),
    /// written to <paramref name="product"/> in the same packing; its padding bits are cleared. Allocates
    /// nothing for up to 8,192 columns.
    /// </summary>
    /// <param name="vector">⌈Columns / 8⌉ bytes; bits beyond Columns are ignored.</param>
    /// <param name="product">⌈Rows / 8⌉ bytes, overwritten.</param>
    public void MultiplyB8(ReadOnlySpan<byte> vector, Span<byte> product)
    {
        if (vector.Length != (Columns + 7) / 8)
        {
            throw new ArgumentException($"the vector needs {(Columns + 7) / 8} bytes for {Columns} columns, got {vector.Length}", nameof(vector));
        }
        if (product.Length != (Rows + 7) / 8)
        {
            throw new ArgumentException($"the product needs {(Rows + 7) / 8} bytes for {Rows} rows, got {product.Length}", nameof(product));
        }
        // b8 bit order is little-endian within bytes, so bytes 8w … 8w+7 read little-endian are word w.
        Span<ulong> words = _words <= 128 ? stackalloc ulong[_words] : new ulong[_words];
        Span<byte> chunk = stackalloc byte[8];
        for (int w = 0; w < _words; w++)
        {
            chunk.Clear();
            vector.Slice(w * 8, Math.Min(8, vector.Length - w * 8)).CopyTo(chunk);
            words[w] = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(chunk);
        }
        product.Clear();
        for (int r = 0; r < Rows; r++)
        {
            var row = Row(r);
            ulong parity = 0;
            for (int w = 0; w < _words; w++)
            {
                parity ^= row[w] & words[w];
            }
            if ((BitOperations.PopCount(parity) & 1) != 0)
            {
                product[r >> 3] |= (byte)(1 << (r & 7));
            }
        }
    }

    /// <inheritdoc/>
    public bool Equals(BinaryMatrix? other) =>
        other is not null && Rows == other.Rows && Columns == other.Columns && _bits.AsSpan().SequenceEqual(other._bits);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as BinaryMatrix);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Rows, Columns, _bits.Length > 0 ? _bits[0] : 0);

    /// <summary>One line of '0'/'1' per row, each ended by '\n'.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(Rows * (Columns + 1));
        for (int r = 0; r < Rows; r++)
        {
            for (int c = 0; c < Columns; c++)
            {
                text.Append(this[r, c] ? '1' : '0');
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    internal Span<ulong> MutableRow(int row)
    {
        if ((uint)row >= (uint)Rows)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"the matrix has {Rows} rows");
        }
        return _bits.AsSpan(row * _words, _words);
    }

    internal static int WordsFor(int columns) => (columns + 63) >> 6;

    internal static void Xor(Span<ulong> target, ReadOnlySpan<ulong> source)
    {
        for (int w = 0; w < target.Length; w++)
        {
            target[w] ^= source[w];
        }
    }

    private void CheckIndex(int row, int column)
    {
        if ((uint)row >= (uint)Rows || (uint)column >= (uint)Columns)
        {
            throw new ArgumentOutOfRangeException(nameof(row), $"entry ({row}, {column}) is outside the {Rows}×{Columns} matrix");
        }
    }
}
