; Inno Setup script: the Windows installer of the one-folder app (docs/install.md, "Windows").
; PyInstaller makes the folder dist\locplan; this wraps it in one setup .exe. From the
; repository, after `pyinstaller --noconfirm --clean packaging\locplan.spec`:
;   iscc /DAppVersion=0.1.0 packaging\locplan.iss
; (the version as `dist\locplan\locplan.exe --version` prints it). The installer is written
; to dist\locplan-<version>-windows-setup.exe.
;
; It installs for the current user without administrator rights (Program Files when run as
; an administrator who chooses "all users"), adds the app to the Start menu (a desktop icon
; if asked), and an uninstaller. The user's settings, autosaves and logs (in AppData) are
; left on uninstall: a reinstall finds them.

#ifndef AppVersion
  #error Give the version: iscc /DAppVersion=X.Y.Z packaging\locplan.iss
#endif

#define AppName "Supplier Localization Planner"
#define AppExe "locplan-gui.exe"

[Setup]
; never change AppId: Windows knows an installed version by it (upgrades, uninstall)
AppId={{CDCBBA2C-8A57-4D5C-BF4E-B73394B1F323}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=LocPlan
DefaultDirName={autopf}\LocPlan\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=locplan-{#AppVersion}-windows-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\{#AppExe}
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; Inno Setup ships no Vietnamese messages file of its own: the installer speaks English,
; the app itself both languages

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\dist\locplan\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
