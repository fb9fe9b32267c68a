from grader.grading.cli import main

main()
