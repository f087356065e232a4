using System.CommandLine;
using PeimsRules.Cli.Synthetic;

namespace PeimsRules.Cli;

/// <summary><c>generate --output DIR [--seed N] [--campuses N] [--students N] [--error-share X] [--year YYYY]</c>: a synthetic district's files.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--output") { Description = "The folder to write the files to.", Required = true };
        var seed = new Option<int>("--seed") { Description = "The seed; the same options write the same files.", DefaultValueFactory = _ => 2024 };
        var campuses = new Option<int>("--campuses") { Description = "The number of campuses.", DefaultValueFactory = _ => 5 };
        var students = new Option<int>("--students") { Description = "Students per campus.", DefaultValueFactory = _ => 120 };
        var errorShare = new Option<decimal>("--error-share") { Description = "The share of period records given an injected reporting error (0 to 0.5).", DefaultValueFactory = _ => 0.02m };
        var year = new Option<int>("--year") { Description = "The school year, by the year it ends in.", DefaultValueFactory = _ => 2024 };
        var statewide = new Option<decimal?>("--statewide")
        {
            Description = "Write only a period file at this fraction of statewide Texas (1 = 1,200 districts, 9,000 campuses, about 5.5 million students, 33 million records), generated and written as a stream, without daily data.",
        };
        var command = new Command("generate", "Write a seeded synthetic district: period records, IEP services, campus names, daily files, and the errors injected.")
        {
            output, seed, campuses, students, errorShare, year, statewide,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(statewide) is { } fraction)
            {
                if (fraction is <= 0 or > 4 || parse.GetValue(errorShare) is < 0 or > 0.5m)
                {
                    return CliOutput.Fail("--statewide is a fraction of the state, more than 0 and at most 4; --error-share is 0 to 0.5.");
                }

                var target = parse.GetValue(output)!.FullName;
                var districts = Math.Max(1, (int)decimal.Round(1200m * fraction, MidpointRounding.AwayFromZero));
                var (records, injected) = CliOutput.WriteFolder(target, folder =>
                    SyntheticPeriodFile.Write(Path.Combine(folder, "periods.csv"), parse.GetValue(seed), districts, 8, 573, parse.GetValue(errorShare), parse.GetValue(year)));
                Console.Error.WriteLine($"generate: {districts} districts, {districts * 8} campuses, {records:N0} period records ({injected:N0} with injected errors) in {Path.Combine(target, "periods.csv")}.");
                return 0;
            }

            if (parse.GetValue(year) is < SchoolYear.MinimumEndYear or > SchoolYear.MaximumEndYear)
            {
                return CliOutput.Fail($"--year {parse.GetValue(year)}: a school year is named by the year it ends in, {SchoolYear.MinimumEndYear} to {SchoolYear.MaximumEndYear}.");
            }

            SyntheticDistrict district;
            try
            {
                district = SyntheticDistrict.Generate(new SyntheticOptions(parse.GetValue(seed), parse.GetValue(campuses), parse.GetValue(students), parse.GetValue(errorShare), parse.GetValue(year)));
            }
            catch (ArgumentException e)
            {
                return CliOutput.Fail(CliOutput.Plain(e));
            }

            var folder = parse.GetValue(output)!.FullName;
            CliOutput.WriteFolder(folder, temporary =>
            {
                district.WriteTo(temporary);
                EdFiInputs.WriteSample(district, Path.Combine(temporary, "edfi"));
                return temporary;
            });
            Console.Error.WriteLine($"generate: {district.Campuses.Count} campuses, {district.Enrollments.Select(e => e.Student).Distinct().Count()} students, {district.Marks.Count} daily marks, {district.Records.Count} period records ({district.Injected.Count} with injected errors), {district.ServiceRecords.Count} IEP service records in {folder}; the same district as Ed-Fi documents in {Path.Combine(folder, "edfi")}.");
            return 0;
        });
        return command;
    }
}
