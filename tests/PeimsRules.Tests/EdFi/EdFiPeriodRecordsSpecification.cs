using PeimsRules.EdFi;
using PeimsRules.Tests.Support;

namespace PeimsRules.Tests.EdFi;

/// <summary>
/// The vendor's reporting-period records in TEA's Texas extension (tx.basicReportingPeriodAttendances with the
/// bilingual/ESL and special-programs resources) read into the library's 42400 records, with the student's E0785/E0790
/// from studentEducationOrganizationAssociations and the enrollment's E0787 from studentSchoolAssociations.
/// </summary>
public class EdFiPeriodRecordsSpecification
{
    private const string Calendars = "[{`calendarCode`:`00`,`schoolReference`:{`schoolId`:101912001},`schoolYearTypeReference`:{`schoolYear`:2025}}]";

    // TEA's worked example (PEIMS standards, record 400): a half-day KG student who withdrew and re-entered on the same
    // campus and track in period 1 is one record: 32 days taught, 3.5 absent, 10.0 eligible present.
    private const string JaneStudent =
        "[{`schoolReference`:{`schoolId`:101912001},`studentReference`:{`studentUniqueId`:`1000000001`},`calendarCode`:`00`,"
        + "`gradeLevelDescriptor`:`uri://tea.texas.gov/GradeLevelDescriptor#KG`,`reportingPeriodDescriptor`:`uri://tea.texas.gov/ReportingPeriodDescriptor#1`,"
        + "`numberDaysTaught`:32,`totalDaysAbsent`:3.5,`totalEligibleDaysPresent`:10.0,`totalIneligibleDaysPresent`:0.0,"
        + "`rsTotalEligibleDaysPresent`:0.0,`raTotalEligibleDaysPresent`:0.0}]";

    private const string JaneAssociations =
        "[{`studentReference`:{`studentUniqueId`:`1000000001`},`schoolReference`:{`schoolId`:101912001},`entryDate`:`2024-08-14`,"
        + "`entryGradeLevelDescriptor`:`uri://tea.texas.gov/GradeLevelDescriptor#KG`,`exitWithdrawDate`:`2024-09-03`,"
        + "`_ext`:{`tx`:{`adaEligibilityDescriptor`:`uri://tea.texas.gov/ADAEligibilityDescriptor#2`}}},"
        + "{`studentReference`:{`studentUniqueId`:`1000000001`},`schoolReference`:{`schoolId`:101912001},`entryDate`:`2024-09-09`,"
        + "`entryGradeLevelDescriptor`:`uri://tea.texas.gov/GradeLevelDescriptor#KG`,"
        + "`_ext`:{`tx`:{`adaEligibilityDescriptor`:`uri://tea.texas.gov/ADAEligibilityDescriptor#2`}}}]";

    private const string JaneAttributes =
        "[{`studentReference`:{`studentUniqueId`:`1000000001`},`educationOrganizationReference`:{`educationOrganizationId`:101912},"
        + "`_ext`:{`tx`:{`economicDisadvantageSets`:[{`economicDisadvantageDescriptor`:`uri://tea.texas.gov/EconomicDisadvantageDescriptor#00`,`beginDate`:`2023-08-01`,`endDate`:`2024-05-31`},"
        + "{`economicDisadvantageDescriptor`:`uri://tea.texas.gov/EconomicDisadvantageDescriptor#01`,`beginDate`:`2024-08-14`}],"
        + "`emergentBilingualSets`:[{`emergentBilingualIndicatorDescriptor`:`uri://tea.texas.gov/EmergentBilingualIndicatorDescriptor#1`,`beginDate`:`2024-08-14`}]}}}]";

    private const string JaneBilingual =
        "[{`bilingualESLFundingDescriptor`:`uri://tea.texas.gov/BilingualESLFundingDescriptor#BE`,`schoolReference`:{`schoolId`:101912001},"
        + "`studentReference`:{`studentUniqueId`:`1000000001`},`calendarCode`:`00`,`gradeLevelDescriptor`:`uri://tea.texas.gov/GradeLevelDescriptor#KG`,"
        + "`reportingPeriodDescriptor`:`uri://tea.texas.gov/ReportingPeriodDescriptor#1`,`numberDaysTaught`:32,`totalEligBilingualESLDaysPresent`:10.0}]";

    [Fact]
    public async Task The_half_day_KG_example_is_one_record_of_32_days_taught_3_5_absent_10_eligible_with_its_attributes_joined()
    {
        using var folder = new TempFolder()
            .With("calendars.json", Calendars)
            .With("basicReportingPeriodAttendances.json", JaneStudent)
            .With("studentSchoolAssociations.json", JaneAssociations)
            .With("studentEducationOrganizationAssociations.json", JaneAttributes)
            .With("bilingualESLProgramReportingPeriodAttendances.json", JaneBilingual);

        var read = await EdFiPeriodRecords.ReadAsync(new EdFiFolderSource(folder.Path));

        var record = Assert.Single(read.Records);
        Assert.Equal(new SchoolYear(2025), read.SchoolYear);
        Assert.Equal(
            Given.Record(student: "1000000001", year: 2025, grade: "KG", taught: 32, absent: 3.5m, eligible: 10, code: 2, economic: "01", emergentBilingual: "1", funding: "BE"),
            record);
        Assert.Empty(read.Problems);
    }

    [Fact]
    public async Task A_student_with_two_ADA_codes_in_one_campus_and_grade_gets_no_code_as_the_builder_gives_none()
    {
        using var folder = new TempFolder()
            .With("calendars.json", Calendars)
            .With("basicReportingPeriodAttendances.json", JaneStudent)
            .With("studentSchoolAssociations.json", JaneAssociations.Replace("#2`}}}]", "#1`}}}]", StringComparison.Ordinal));

        var read = await EdFiPeriodRecords.ReadAsync(new EdFiFolderSource(folder.Path));

        Assert.Null(Assert.Single(read.Records).AdaEligibility);
    }

    [Fact]
    public async Task A_JSON_lines_file_reads_as_the_array_does()
    {
        using var folder = new TempFolder()
            .With("calendars.json", Calendars)
            .With("basicReportingPeriodAttendances.jsonl", JaneStudent.Trim('[', ']') + "\n\n" + JaneStudent.Trim('[', ']').Replace("`1000000001`", "`1000000002`", StringComparison.Ordinal) + "\n");

        var read = await EdFiPeriodRecords.ReadAsync(new EdFiFolderSource(folder.Path));

        Assert.Equal(["1000000001", "1000000002"], read.Records.Select(r => r.StudentId.Value));
    }

    [Fact]
    public async Task Collect_all_lists_every_bad_document_by_file_position_field_and_value_and_reads_the_good_ones()
    {
        var good = JaneStudent.Trim('[', ']');
        var documents = string.Join(",\n", new[]
        {
            good,                                                                                              // document 1: good
            good.Replace("`totalDaysAbsent`:3.5,", string.Empty, StringComparison.Ordinal)
                .Replace("1000000001", "1000000002", StringComparison.Ordinal),                                // 2: a required field missing
            good.Replace("3.5", "3.3", StringComparison.Ordinal).Replace("1000000001", "1000000003", StringComparison.Ordinal),   // 3: not a half day
            good.Replace("#KG", "#K5", StringComparison.Ordinal).Replace("1000000001", "1000000004", StringComparison.Ordinal),   // 4: unknown grade
            good,                                                                                              // 5: the key of document 1 again
            good.Replace("`numberDaysTaught`:32", "`numberDaysTaught`:`many`", StringComparison.Ordinal),     // 6: text where a number belongs
        });
        using var folder = new TempFolder()
            .With("calendars.json", Calendars)
            .With("basicReportingPeriodAttendances.json", "[" + documents + ",\n{ broken ]");

        var read = await EdFiPeriodRecords.ReadAsync(new EdFiFolderSource(folder.Path), new EdFiPeriodReadOptions { ErrorMode = EdFiErrorMode.CollectAll });

        Assert.Equal("1000000001", Assert.Single(read.Records).StudentId.Value);
        var problems = read.Problems.Select(p => (p.Source, p.Position, p.Field, p.Value, p.Kind)).ToList();
        Assert.Equal(
            [
                ("basicReportingPeriodAttendances.json", "document 2", "totalDaysAbsent", null, EdFiProblemKind.MissingField),
                ("basicReportingPeriodAttendances.json", "document 3", "totalDaysAbsent", "3.3", EdFiProblemKind.OutOfRange),
                ("basicReportingPeriodAttendances.json", "document 4", "gradeLevelDescriptor", "uri://tea.texas.gov/GradeLevelDescriptor#K5", EdFiProblemKind.UnknownDescriptor),
                ("basicReportingPeriodAttendances.json", "document 5", null, null, EdFiProblemKind.DuplicateKey),
                ("basicReportingPeriodAttendances.json", "document 6", "numberDaysTaught", "many", EdFiProblemKind.InvalidValue),
                ("basicReportingPeriodAttendances.json", "document 7", null, null, EdFiProblemKind.MalformedJson),
            ],
            problems);
        Assert.Contains("the first is basicReportingPeriodAttendances.json, document 1", read.Problems[3].Message, StringComparison.Ordinal);
        Assert.StartsWith("basicReportingPeriodAttendances.json, document 3 (student 1000000003, campus 101912001, grade KG, track 00, period 1), field totalDaysAbsent, value '3.3':", read.Problems[1].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_at_first_throws_at_the_first_bad_document()
    {
        using var folder = new TempFolder()
            .With("calendars.json", Calendars)
            .With("basicReportingPeriodAttendances.json", JaneStudent.Replace("32", "181", StringComparison.Ordinal));

        var e = await Assert.ThrowsAsync<EdFiDataException>(() => EdFiPeriodRecords.ReadAsync(new EdFiFolderSource(folder.Path)));

        var problem = Assert.Single(e.Problems);
        Assert.Equal(("document 1", "numberDaysTaught", "181", EdFiProblemKind.OutOfRange), (problem.Position, problem.Field, problem.Value, problem.Kind));
    }

    [Fact]
    public async Task The_2026_model_of_2025_26_has_no_remote_days_fields_and_the_2025_model_requires_them()
    {
        using var in2026 = new TempFolder()
            .With("calendars.json", Calendars.Replace("2025", "2026", StringComparison.Ordinal))
            .With("basicReportingPeriodAttendances.json", JaneStudent);
        using var in2025 = new TempFolder()
            .With("calendars.json", Calendars)
            .With("basicReportingPeriodAttendances.json", JaneStudent.Replace(",`rsTotalEligibleDaysPresent`:0.0", string.Empty, StringComparison.Ordinal));
        var collect = new EdFiPeriodReadOptions { ErrorMode = EdFiErrorMode.CollectAll };

        var read2026 = await EdFiPeriodRecords.ReadAsync(new EdFiFolderSource(in2026.Path), collect);
        var read2025 = await EdFiPeriodRecords.ReadAsync(new EdFiFolderSource(in2025.Path), collect);

        Assert.Equal(["rsTotalEligibleDaysPresent", "raTotalEligibleDaysPresent"], read2026.Problems.Select(p => p.Field));
        Assert.Equal(("rsTotalEligibleDaysPresent", EdFiProblemKind.MissingField), (Assert.Single(read2025.Problems).Field, read2025.Problems[0].Kind));
        Assert.Equal("2026.2.0", EdFiModelVersion.For(new SchoolYear(2026)).Name);
        Assert.False(EdFiModelVersion.For(new SchoolYear(2024)).IsTsdsCollection);
    }

    [Fact]
    public async Task Written_documents_carry_one_decimal_the_model_field_names_and_remote_days_only_in_the_2025_model()
    {
        using var folder = new TempFolder();
        var record = Given.Record(student: "1000000001", year: 2025, grade: "KG", taught: 32, absent: 3.5m, eligible: 10, code: 2, funding: "BE");

        EdFiPeriodWriter.WriteFolder(folder.Path, [record]);

        var text = folder.Read("basicReportingPeriodAttendances.json");
        Assert.Contains("\"numberDaysTaught\":32,\"totalDaysAbsent\":3.5,\"totalEligibleDaysPresent\":10.0,\"totalIneligibleDaysPresent\":0.0,\"rsTotalEligibleDaysPresent\":0.0,\"raTotalEligibleDaysPresent\":0.0", text, StringComparison.Ordinal);
        Assert.Contains("\"gradeLevelDescriptor\":\"uri://tea.texas.gov/GradeLevelDescriptor#KG\"", text, StringComparison.Ordinal);
        Assert.Contains("\"totalEligBilingualESLDaysPresent\":10.0", folder.Read("bilingualESLProgramReportingPeriodAttendances.json"), StringComparison.Ordinal);

        var in2026 = Given.Record(student: "1000000001", year: 2026, taught: 30, eligible: 20, remoteSync: 2);
        var e = Assert.Throws<ArgumentException>(() => EdFiPeriodWriter.WriteFolder(folder.Path, [in2026]));
        Assert.Contains("2026.2.0", e.Message, StringComparison.Ordinal);
        EdFiPeriodWriter.WriteFolder(folder.Path, [Given.Record(student: "2", year: 2026, taught: 30, eligible: 30)]);
        Assert.DoesNotContain("rsTotal", folder.Read("basicReportingPeriodAttendances.json"), StringComparison.Ordinal);
    }
}
