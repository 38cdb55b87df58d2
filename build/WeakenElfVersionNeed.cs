// Compiled by RoslynCodeTaskFactory (see Directory.Build.targets); it targets netstandard, so it reads bytes by hand
// instead of using System.Buffers.Binary, and it keeps to one file.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Marks one version requirement of an ELF64 little-endian shared library as weak (VER_FLG_WEAK in the vna_flags of
/// its Vernaux entry), but only when the host's copy of the providing library does not define that version.
/// Why: libLibTorchSharp.so asks for GLIBCXX_3.4.32 for a single never-called marker symbol; Debian 12's libstdc++
/// stops at 3.4.30. glibc treats a missing weak version as a warning, so the library then loads.
/// The file is parsed through its section headers (.gnu.version_r found by name via .shstrtab, names read from the
/// section's sh_link string table); nothing is guessed from byte patterns.
/// </summary>
public sealed class WeakenElfVersionNeed : Task
{
    private const uint ShtGnuVerdef = 0x6ffffffd;
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    /// <summary>The library copies to patch (those that do not exist are skipped).</summary>
    [Required]
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The needed library file name, e.g. libstdc++.so.6.</summary>
    [Required]
    public string LibraryName { get; set; } = "";

    /// <summary>The version to weaken, e.g. GLIBCXX_3.4.32.</summary>
    [Required]
    public string VersionName { get; set; } = "";

    public override bool Execute()
    {
        var files = new List<string>();
        foreach (var item in Files)
        {
            var path = item.GetMetadata("FullPath");
            if (File.Exists(path)) files.Add(path);
        }
        if (files.Count == 0) return true;

        var host = FindHostLibrary(LibraryName);
        if (host == null)
        {
            Log.LogMessage(MessageImportance.Low, "{0} not found on this host; leaving {1} requirements as they are.", LibraryName, VersionName);
            return true;
        }
        try
        {
            if (DefinesVersion(File.ReadAllBytes(host), VersionName))
            {
                Log.LogMessage(MessageImportance.Low, "{0} defines {1}; no patch needed.", host, VersionName);
                return true;
            }
        }
        catch (InvalidDataException e)
        {
            Log.LogWarning("Could not read the version definitions of {0} ({1}); not patching.", host, e.Message);
            return true;
        }

        foreach (var path in files)
        {
            try
            {
                Patch(path);
            }
            catch (InvalidDataException e)
            {
                Log.LogError("Cannot mark {0} weak in {1}: {2}", VersionName, path, e.Message);
            }
        }
        return !Log.HasLoggedErrors;
    }

    private void Patch(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var offset = FindVernauxFlags(bytes, LibraryName, VersionName);
        if (offset < 0)
        {
            Log.LogMessage(MessageImportance.Low, "{0} does not need {1} {2}; nothing to do.", path, LibraryName, VersionName);
            return;
        }
        var flags = U16(bytes, offset);
        if ((flags & VerFlgWeak) != 0)
        {
            Log.LogMessage(MessageImportance.Low, "{0}: {1} is already weak.", path, VersionName);
            return;
        }
        flags |= VerFlgWeak;
        bytes[offset] = (byte)flags;
        bytes[offset + 1] = (byte)(flags >> 8);

        // Write a new file and rename it over the old one: the output copy may be a hard link into the NuGet cache,
        // or mapped by a running test host, and neither must see bytes change under it. The original timestamp is
        // kept so the SDK's incremental copy (same size and time = skip) does not copy the unpatched file back on
        // every build.
        var stamp = File.GetLastWriteTimeUtc(path);
        var temp = path + ".weak-" + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.SetLastWriteTimeUtc(temp, stamp);
        File.Delete(path);
        File.Move(temp, path);
        Log.LogMessage(MessageImportance.Normal, "Marked {0} {1} weak in {2} (host libstdc++ lacks it).", LibraryName, VersionName, path);
    }

    /// <summary>
    /// The library the dynamic loader gives this very process (the .NET host links libstdc++), read from
    /// /proc/self/maps; falls back to the usual multiarch directories.
    /// </summary>
    private static string FindHostLibrary(string name)
    {
        try
        {
            foreach (var line in File.ReadAllLines("/proc/self/maps"))
            {
                var slash = line.IndexOf('/');
                if (slash < 0) continue;
                var file = line.Substring(slash);
                if (Path.GetFileName(file) == name && File.Exists(file)) return file;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        foreach (var dir in new[] { "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib", "/lib" })
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>True if the library's .gnu.version_d (SHT_GNU_verdef) defines <paramref name="version"/>.</summary>
    internal static bool DefinesVersion(byte[] elf, string version)
    {
        foreach (var section in Sections(elf))
        {
            if (section.Type != ShtGnuVerdef) continue;
            var strtab = SectionAt(elf, section.Link);
            long entry = section.Offset;
            for (uint i = 0; i < section.Info; i++)
            {
                // Elf64_Verdef: vd_version u16, vd_flags u16, vd_ndx u16, vd_cnt u16, vd_hash u32, vd_aux u32, vd_next u32.
                Check(elf, entry, 20);
                var aux = entry + U32(elf, entry + 12);
                Check(elf, aux, 8);
                // The first Elf64_Verdaux (vda_name u32, vda_next u32) names the version being defined.
                if (ReadString(elf, strtab, U32(elf, aux)) == version) return true;
                var next = U32(elf, entry + 16);
                if (next == 0) break;
                entry += next;
            }
        }
        return false;
    }

    /// <summary>File offset of vna_flags for (<paramref name="library"/>, <paramref name="version"/>), or -1.</summary>
    internal static long FindVernauxFlags(byte[] elf, string library, string version)
    {
        foreach (var section in Sections(elf))
        {
            if (section.Type != ShtGnuVerneed || section.Name != ".gnu.version_r") continue;
            var strtab = SectionAt(elf, section.Link);
            long need = section.Offset;
            for (uint i = 0; i < section.Info; i++)
            {
                // Elf64_Verneed: vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32.
                Check(elf, need, 16);
                var count = U16(elf, need + 2);
                var file = ReadString(elf, strtab, U32(elf, need + 4));
                long aux = need + U32(elf, need + 8);
                for (var j = 0; j < count; j++)
                {
                    // Elf64_Vernaux: vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32.
                    Check(elf, aux, 16);
                    if (file == library && ReadString(elf, strtab, U32(elf, aux + 8)) == version) return aux + 4;
                    var nextAux = U32(elf, aux + 12);
                    if (nextAux == 0) break;
                    aux += nextAux;
                }
                var next = U32(elf, need + 12);
                if (next == 0) break;
                need += next;
            }
        }
        return -1;
    }

    private readonly struct Section
    {
        public Section(string name, uint type, long offset, long size, uint link, uint info)
        {
            Name = name; Type = type; Offset = offset; Size = size; Link = link; Info = info;
        }

        public string Name { get; }
        public uint Type { get; }
        public long Offset { get; }
        public long Size { get; }
        public uint Link { get; }
        public uint Info { get; }
    }

    private static List<Section> Sections(byte[] elf)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1) throw new InvalidDataException("not ELF64 little-endian");
        var shoff = (long)U64(elf, 0x28);
        var shentsize = U16(elf, 0x3A);
        long shnum = U16(elf, 0x3C);
        long shstrndx = U16(elf, 0x3E);
        if (shoff == 0) throw new InvalidDataException("no section headers");
        if (shentsize < 64) throw new InvalidDataException("section header entries too small");
        // Extended numbering: with many sections the real counts live in section header 0.
        Check(elf, shoff, 64);
        if (shnum == 0) shnum = (long)U64(elf, shoff + 32);
        if (shstrndx == 0xffff) shstrndx = U32(elf, shoff + 40);
        Check(elf, shoff, shnum * shentsize);

        var raw = new List<(uint Name, uint Type, long Offset, long Size, uint Link, uint Info)>();
        for (long i = 0; i < shnum; i++)
        {
            var h = shoff + i * shentsize;
            raw.Add((U32(elf, h), U32(elf, h + 4), (long)U64(elf, h + 24), (long)U64(elf, h + 32), U32(elf, h + 40), U32(elf, h + 44)));
        }
        if (shstrndx >= raw.Count) throw new InvalidDataException("section name table index out of range");
        var names = raw[(int)shstrndx];
        var result = new List<Section>(raw.Count);
        foreach (var s in raw)
            result.Add(new Section(ReadString(elf, (names.Offset, names.Size), s.Name), s.Type, s.Offset, s.Size, s.Link, s.Info));
        return result;
    }

    private static (long Offset, long Size) SectionAt(byte[] elf, uint index)
    {
        var sections = Sections(elf);
        if (index >= sections.Count) throw new InvalidDataException("string table index out of range");
        var s = sections[(int)index];
        Check(elf, s.Offset, s.Size);
        return (s.Offset, s.Size);
    }

    private static string ReadString(byte[] elf, (long Offset, long Size) table, uint index)
    {
        if (index >= table.Size) throw new InvalidDataException("string index out of range");
        var start = table.Offset + index;
        var end = start;
        var limit = table.Offset + table.Size;
        while (end < limit && elf[end] != 0) end++;
        if (end >= limit) throw new InvalidDataException("unterminated string");
        return Encoding.ASCII.GetString(elf, (int)start, (int)(end - start));
    }

    private static void Check(byte[] elf, long offset, long length)
    {
        if (offset < 0 || length < 0 || offset + length > elf.Length) throw new InvalidDataException("truncated ELF file");
    }

    private static ushort U16(byte[] b, long o) { Check(b, o, 2); return (ushort)(b[o] | b[o + 1] << 8); }

    private static uint U32(byte[] b, long o) { Check(b, o, 4); return (uint)(b[o] | b[o + 1] << 8 | b[o + 2] << 16 | b[o + 3] << 24); }

    private static ulong U64(byte[] b, long o) => U32(b, o) | (ulong)U32(b, o + 4) << 32;
}
